// Injected into every Node bundle by esbuild.mjs (`inject`): the desktop extension host, the CLI, workers
// and the test suites read files through Node's `fs` unless a caller passes another FileSystem.
import { useNodeFileSystem } from './nodeFileSystem';

useNodeFileSystem();
