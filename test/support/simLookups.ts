/** Finding seeded records of the simulator by what tests know them by. */
import type { Simulator } from '../simulator/index';

export const teamNamed = (sim: Simulator, name: string) => [...sim.state.teams.values()].find((t) => t.name === name)!;
