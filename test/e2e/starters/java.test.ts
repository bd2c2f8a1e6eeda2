import { starterSuite } from '../starter-suite.js';

starterSuite('java');
