// Minimal typings for the parts of AgentScript the peer model uses (the package ships none).
declare module 'agentscript' {
  export class Model {
    constructor(worldOptions?: unknown);
    ticks: number;
    turtles: any;
    links: any;
    patches: any;
    world: any;
    setup(): void;
    step(): void;
    turtleBreeds(names: string): void;
    linkBreeds(names: string): void;
    [breed: string]: any;
  }
  export class AgentArray<T = any> extends Array<T> {
    static fromArray<T>(a: T[]): AgentArray<T>;
    ask(fcn: (a: T, i: number) => void): void;
  }
  export const World: { defaultOptions(maxX?: number, maxY?: number): unknown };
  export const util: {
    randomSeed(seed?: number): void;
    randomFloat(max: number): number;
    [k: string]: any;
  };
}
