/**
 * Claim annotations: the W3C Web Annotation model, the workspace annotation file and re-anchoring after
 * edits. Pure Node, no `vscode` import: the VS Code layer and the CLI (`lint`) both use it.
 */
export * from './model';
export { AnnotationFileError, MAX_ANNOTATION_FILE_BYTES, MAX_ANNOTATIONS, parseAnnotationFile, SCHEMA_VERSION, serializeAnnotationFile, validateAnnotation, type AnnotationFile, type ParsedAnnotationFile } from './fileFormat';
export { EDIT_FUZZY_CELLS, editBudget, FUZZY_PATTERN_CAP, FUZZY_TEXT_LIMIT, moveTo, reanchor, type Reanchored, type ReanchorOptions } from './reanchor';
export { ANNOTATION_FILE, annotationFileFor, AnnotationStore, documentKey, findAnnotationFile, governingAnnotationFile, workspaceRootOf, writeFileAtomic, type AnnotationStoreOptions, type SaveResult } from './store';
export { FileLockTimeout, lockFileOf, withFileLock, type FileLockOptions } from './fileLock';
export { mergeAnnotationFiles, type AnnotationMergeResult } from './threeWayMerge';
export { driverCommand, isOnPath, setUpGitMerge, withMergeAttribute, type GitMergeSetup } from './gitMergeSetup';
