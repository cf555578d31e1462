import path from 'node:path';

/**
 * `layers/allowed-imports`: each production file belongs to the layer of the longest folder in
 * the table that holds it, and may import only its own layer, the layers it lists, and files no
 * layer holds (package.json). `folder/**` allows that folder and every folder below it; a plain
 * folder allows that folder alone, so sibling protocol folders stay apart. The table is the one in
 * docs/architecture.md; VS Code's code-layering rule and Playwright's DEPS.list work the same way.
 */
const root = path.dirname(import.meta.dirname);

const relative = (file) => path.relative(root, file).split(path.sep).join('/');

export function layerOf(file, table) {
  let best;
  for (const folder of Object.keys(table))
    if (
      (file === folder || file.startsWith(`${folder}/`)) &&
      (!best || folder.length > best.length)
    )
      best = folder;
  return best;
}

const allows = (entry, target) =>
  entry.endsWith('/**')
    ? target === entry.slice(0, -3) || target.startsWith(entry.slice(0, -2))
    : target === entry;

const allowedImports = {
  meta: {
    type: 'problem',
    schema: [
      { type: 'object', additionalProperties: { type: 'array', items: { type: 'string' } } },
    ],
    messages: {
      forbidden:
        '{{from}} may not import {{to}} (allowed: {{allowed}}). See the import table in docs/architecture.md.',
    },
  },
  create(context) {
    const table = context.options[0] ?? {};
    const file = relative(context.filename);
    const from = layerOf(file, table);
    if (!from) return {};
    const check = (node, source) => {
      if (typeof source !== 'string' || !source.startsWith('.')) return;
      const target = relative(path.resolve(path.dirname(context.filename), source));
      const to = layerOf(target, table);
      if (!to || to === from || table[from].some((entry) => allows(entry, to))) return;
      const allowed = table[from].join(', ') || 'nothing';
      context.report({ node, messageId: 'forbidden', data: { from, to, allowed } });
    };
    return {
      ImportDeclaration: (node) => check(node.source, node.source.value),
      ExportNamedDeclaration: (node) => node.source && check(node.source, node.source.value),
      ExportAllDeclaration: (node) => check(node.source, node.source.value),
      ImportExpression: (node) => check(node.source, node.source.value),
    };
  },
};

export default { rules: { 'allowed-imports': allowedImports } };
