/**
 * The environment is a saved setting (the settings file and each validation's basis record it),
 * so its values live here and the contract builds its schemas on them.
 */
export const environments = ['demo', 'microsoft365'] as const;
export type Environment = (typeof environments)[number];
