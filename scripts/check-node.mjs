// Fails early, in plain words, when the Node running npm scripts is too old.
// `node@24` is a devDependency, so after `npm install` npm puts Node 24 first on
// PATH for every script; this only trips before install or with a broken install.
const [major, minor] = process.versions.node.split('.').map(Number);
if (major < 22 || (major === 22 && minor < 12)) {
  console.error(
    `\n帮扶集市 needs Node.js 22.12 or newer (Node 24 LTS recommended); this is ${process.version}.\n` +
      `Run \`npm install\` first: it installs Node 24 into node_modules and npm scripts use it.\n` +
      `Or install Node 24 yourself (see .nvmrc).\n`,
  );
  process.exit(1);
}
