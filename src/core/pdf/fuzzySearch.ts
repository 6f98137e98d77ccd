import search from 'approx-string-match';

/**
 * Approximate substring search: where in `text` a pattern matches with the fewest edits (insertions,
 * deletions, substitutions). Built on approx-string-match (Myers' bit-parallel algorithm, what Hypothesis
 * re-anchors annotations with): O(text × ⌈edits / 32⌉) on typical text. It replaced a hand-written
 * Sellers search with Ukkonen's cut-off that was 5–60× slower on sentence-length quotes (`npm run bench`,
 * "fuzzy"). Two guards keep the work bounded whatever the caller passes: patterns longer than a cap are
 * searched by their head and tail only, and an optional budget counts the characters examined.
 */
export interface FuzzyMatch {
  readonly start: number;
  readonly end: number;
  /** Edits between the pattern (or, for a capped pattern, its head and tail) and text[start, end). */
  readonly distance: number;
  /** How many pattern characters `distance` was measured on: the whole pattern, or head + tail. */
  readonly compared: number;
}

/**
 * Work allowed across several searches (e.g. all orphans of one document after one edit), counted in
 * "cells": characters of text examined × 32-character blocks of the pattern. Searches that would pass
 * what is left look at less text (a window around where the match is expected) or at none.
 */
export interface FuzzyBudget {
  remaining: number;
  /** Cells spent so far, for tests and the benchmark. */
  spent: number;
}

export function fuzzyBudget(cells: number): FuzzyBudget {
  return { remaining: cells, spent: 0 };
}

/** Cells one search of `textLength` characters for a pattern of `patternLength` costs at most. */
export function searchCost(textLength: number, patternLength: number): number {
  return textLength * Math.ceil(Math.max(1, patternLength) / 32);
}

/**
 * Every place where `pattern` matches `text` with the fewest edits, if that is at most `maxDistance`;
 * overlapping ends of one occurrence are reported once (the first end). [] when nothing is that close,
 * or when the search would cost more than the budget has left (then nothing is examined or spent).
 */
export function fuzzyFindAll(text: string, pattern: string, maxDistance: number, budget?: FuzzyBudget): FuzzyMatch[] {
  if (pattern.length === 0 || text.length === 0 || maxDistance < 0) return [];
  if (budget) {
    const cost = searchCost(text.length, pattern.length);
    if (cost > budget.remaining) return []; // not looked at: the budget is spent
    budget.remaining -= cost;
    budget.spent += cost;
  }
  const matches: FuzzyMatch[] = [];
  for (const match of search(text, pattern, Math.min(maxDistance, pattern.length))) {
    const previous = matches[matches.length - 1];
    if (previous && match.start < previous.end) continue; // the same occurrence, one character longer
    matches.push({ start: match.start, end: match.end, distance: match.errors, compared: pattern.length });
  }
  return matches;
}

/** The first place where `pattern` matches `text` with the fewest edits, at most `maxDistance`. */
export function fuzzyFind(text: string, pattern: string, maxDistance: number, budget?: FuzzyBudget): FuzzyMatch | undefined {
  return fuzzyFindAll(text, pattern, maxDistance, budget)[0];
}

/**
 * Like fuzzyFind, with the pattern's length capped: a pattern longer than `cap` is looked for by its
 * first and last `cap / 2` characters, each within its share of the edits, the tail after the head and
 * the whole no more than `maxRatio × length` longer or shorter than the pattern. The edits in between
 * are not counted: callers say "similar", not "verbatim". Cost: O(text × cap / 32), whatever the pattern.
 */
const MAX_HEAD_CANDIDATES = 4;

export function fuzzyFindCapped(text: string, pattern: string, maxRatio: number, cap: number, budget?: FuzzyBudget): FuzzyMatch | undefined {
  if (pattern.length <= cap) return fuzzyFind(text, pattern, Math.floor(pattern.length * maxRatio), budget);
  const half = Math.floor(cap / 2);
  const head = pattern.slice(0, half);
  const tail = pattern.slice(-half);
  const probeEdits = Math.floor(half * maxRatio);
  const lengthSlack = Math.floor(pattern.length * maxRatio);
  let best: FuzzyMatch | undefined;
  // The first few places the head fits best: a head repeated all over the text must not multiply the work.
  for (const start of fuzzyFindAll(text, head, probeEdits, budget).slice(0, MAX_HEAD_CANDIDATES)) {
    // The tail is looked for only where it can be: about one pattern length after the head.
    const from = start.start + pattern.length - half - lengthSlack;
    const to = start.start + pattern.length + lengthSlack;
    const window = text.slice(Math.max(start.end, from), to);
    const end = fuzzyFind(window, tail, probeEdits, budget);
    if (!end) continue;
    const distance = start.distance + end.distance;
    if (!best || distance < best.distance) best = { start: start.start, end: Math.max(start.end, from) + end.end, distance, compared: 2 * half };
  }
  return best;
}
