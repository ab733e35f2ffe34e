import { afterAll } from 'vitest';
import { cleanupTempDirs } from './helpers/git-repo.js';

afterAll(() => cleanupTempDirs());
