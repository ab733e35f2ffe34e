// Configuration loading: where the configuration is (search.ts), how its files are read (file.ts)
// and parsed (parse.ts), when code runs (code.ts, load.ts), and commit mode's staged reading
// (staged.ts). The field table and the validator stay in ../config.ts, re-exported here so one
// import serves both.
export {
  DEFAULT_CONFIG,
  describeValue,
  FIELDS,
  isValidRefName,
  MODULE_NAME,
  resolveConfig,
  SEARCH_PLACES,
} from '../config.js';
export { codeConfigRefused, type LoadConfigOptions, loadConfig, NO_CODE_CONFIG_ENV } from './load.js';
export { blankComments, formatOf, isCodeFile } from './parse.js';
export { searchDirs } from './search.js';
export { loadStagedConfig } from './staged.js';
