import { z } from 'zod';

/** One callable method: what the renderer may send and what main promises to answer. */
export interface MethodSpec<I extends z.ZodType = z.ZodType, O extends z.ZodType = z.ZodType> {
  readonly input: I;
  readonly output: O;
}

export const method = <I extends z.ZodType, O extends z.ZodType>(
  input: I,
  output: O,
): MethodSpec<I, O> => ({ input, output });

export type MethodTable = Record<string, MethodSpec>;
export type EventTable = Record<string, z.ZodType>;

/** What the renderer calls: each method takes its schema's input and resolves to its output. */
export type ApiOf<C extends MethodTable> = {
  [K in keyof C]: (input: z.input<C[K]['input']>) => Promise<z.output<C[K]['output']>>;
};

/** What main implements: handlers receive parsed input and may answer with the output's input form. */
export type HandlersOf<C extends MethodTable> = {
  [K in keyof C]: (input: z.output<C[K]['input']>) => Promise<z.input<C[K]['output']>>;
};

export type EventPayloads<E extends EventTable> = { [K in keyof E]: z.output<E[K]> };
