// An esbuild plugin that keeps bundles pure JavaScript: ssh2 tries `require('cpu-features')` and
// its own compiled `sshcrypto.node` inside try/catch and falls back to JavaScript without them.
// Both resolve to a module that throws, so nothing native is bundled, shipped or loaded.
export const withoutNativeAddons = {
  name: 'without-native-addons',
  setup(build) {
    build.onResolve({ filter: /^cpu-features$|\.node$/ }, (args) => ({ path: args.path, namespace: 'without-native-addons' }));
    build.onLoad({ filter: /.*/, namespace: 'without-native-addons' }, (args) => ({
      contents: `throw new Error(${JSON.stringify(`${args.path} is not bundled: the extension uses pure JavaScript.`)});`,
      loader: 'js',
    }));
  },
};
