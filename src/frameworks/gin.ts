import type { FrameworkRecord } from './types.js';
import { goStarter } from './go.js';

export const gin: FrameworkRecord = {
  ...goStarter,
  id: 'gin',
  name: 'Gin',
  sweetSpot: 'Simple, fast HTTP services',
  watchOutFor: 'Manual wiring; less magic',
  opinion: 'minimal',
  openApi: true,
};
