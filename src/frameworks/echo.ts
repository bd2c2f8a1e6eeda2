import type { FrameworkRecord } from './types.js';
import { goStarter } from './go.js';

export const echo: FrameworkRecord = {
  ...goStarter,
  id: 'echo',
  name: 'Echo',
  sweetSpot: 'Simple, fast HTTP services',
  watchOutFor: 'Manual wiring; less magic',
  opinion: 'minimal',
  openApi: true,
};
