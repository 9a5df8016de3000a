import { fitSizes, INeed } from '../fit';

const whole = (full: number): INeed => ({ full, essential: full });

describe('fitSizes', () => {
  it('gives every section what it needs and the rest to the last open one', () => {
    expect(fitSizes([whole(300), whole(120), whole(80)], 700)).toEqual([300, 120, 280]);
  });

  it('keeps the time range form whole and lets a long entity list scroll', () => {
    // The screenshot's case: a tall time range form, a long entity list, a short providers panel.
    const time = whole(470);
    const entities = { full: 900, essential: 150 };
    const providers = whole(90);
    expect(fitSizes([time, entities, providers], 720)).toEqual([470, 160, 90]);
    expect(fitSizes([time, entities, providers], 800)).toEqual([470, 240, 90]);
  });

  it('puts forms first when even the essentials do not fit; a list keeps a few rows', () => {
    // 1000 px screen, 40 entities: the time range form stays whole.
    const entities = { full: 1200, essential: 300 };
    expect(fitSizes([whole(470), entities, whole(120)], 815)).toEqual([470, 225, 120]);
    // Smaller still: the forms shrink equally, the list section keeps its floor.
    expect(fitSizes([whole(420), entities, whole(90)], 600)).toEqual([390, 120, 90]);
  });

  it('leaves collapsed sections (need 0) at 0', () => {
    expect(fitSizes([whole(300), whole(0), whole(80)], 500)).toEqual([300, 0, 200]);
    expect(fitSizes([whole(0), whole(0)], 500)).toEqual([0, 0]);
  });
});
