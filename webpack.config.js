// Builds the add-in pages (task pane and ribbon commands) and the workbench (the task pane beside an
// in-memory workbook, no Excel needed) into dist/addin/ and serves them on
// https://localhost:3000 in development. The CLI is compiled separately (tsconfig.cli.json → dist/cli/).
//
//   webpack --mode production           office.js from Microsoft's CDN (what AppSource requires)
//   webpack serve --mode development    office.js served locally from /office-js/office.js
//   --env officeJs=local|cdn            override that choice (e.g. offline tests of a production build)
//   --env release                       the site officials' Excel loads (npm run build): dist/web/ with
//                                       the task pane and command pages, icons and manifest.xml for
//                                       ADDIN_ORIGIN (or --env origin=…); no workbench, no in-memory Excel
'use strict';

const path = require('path');
const webpack = require('webpack');
const CopyWebpackPlugin = require('copy-webpack-plugin');
const HtmlWebpackPlugin = require('html-webpack-plugin');

const PORT = 3000;
const OFFICE_JS_CDN = 'https://appsforoffice.microsoft.com/lib/1/hosted/office.js';
const OFFICE_JS_LOCAL = '/office-js/office.js';
const OUTPUT_DIR = path.resolve(__dirname, 'dist', 'addin');
const RELEASE_DIR = path.resolve(__dirname, 'dist', 'web');
const MANIFEST_TEMPLATE = path.resolve(__dirname, 'manifest.xml');

/** HTTPS options from office-addin-dev-certs; falls back to the existing cert files, then to HTTP. */
async function devServerTransport() {
  let devCerts;
  try {
    devCerts = require('office-addin-dev-certs');
    const options = await devCerts.getHttpsServerOptions();
    return { type: 'https', options: { ca: options.ca, key: options.key, cert: options.cert } };
  } catch (error) {
    const message = error instanceof Error ? error.message.split('\n')[0] : String(error);
    const fs = require('fs');
    const paths = devCerts && require('office-addin-dev-certs/lib/defaults');
    if (paths && fs.existsSync(paths.localhostCertificatePath) && fs.existsSync(paths.localhostKeyPath)) {
      console.warn(
        `\n[pressdx] WARNING: could not install the development CA certificate (${message}).\n` +
          `[pressdx] Serving HTTPS with the generated certificate; trust ${paths.caCertificatePath} in your browser\n` +
          `[pressdx] or run "npx office-addin-dev-certs install" with administrator rights.\n`,
      );
      return {
        type: 'https',
        options: {
          ca: fs.readFileSync(paths.caCertificatePath),
          key: fs.readFileSync(paths.localhostKeyPath),
          cert: fs.readFileSync(paths.localhostCertificatePath),
        },
      };
    }
    console.warn(
      `\n[pressdx] WARNING: could not create HTTPS development certificates (${message}).\n` +
        `[pressdx] Falling back to http://localhost:${PORT}. Excel loads add-ins only over HTTPS, so sideloading\n` +
        `[pressdx] manifest.xml will not work until "npx office-addin-dev-certs install" succeeds.\n`,
    );
    return 'http';
  }
}

/** Fails the build if ExcelJS is in an initial (non-lazy) chunk of the task pane or commands. */
class NoExcelJsInInitialChunks {
  apply(compiler) {
    compiler.hooks.afterCompile.tap('NoExcelJsInInitialChunks', (compilation) => {
      for (const entrypoint of compilation.entrypoints.values()) {
        for (const chunk of entrypoint.chunks) {
          for (const module of compilation.chunkGraph.getChunkModulesIterable(chunk)) {
            const resource = module.resource || module.rootModule?.resource || '';
            if (/[\\/]node_modules[\\/]exceljs[\\/]/.test(resource)) {
              compilation.errors.push(
                new Error(
                  `ExcelJS is in the initial "${entrypoint.name}" bundle (chunk ${chunk.name || chunk.id}); ` +
                    `load it lazily with import('exceljs').`,
                ),
              );
              return;
            }
          }
        }
      }
    });
  }
}

/** Emits manifest.xml for the release origin beside the pages it names. */
class ReleaseManifest {
  constructor(origin) {
    this.origin = origin;
  }

  apply(compiler) {
    const { releaseManifest } = require('./scripts/manifest');
    compiler.hooks.thisCompilation.tap('ReleaseManifest', (compilation) => {
      compilation.fileDependencies.add(MANIFEST_TEMPLATE);
      compilation.hooks.processAssets.tap(
        { name: 'ReleaseManifest', stage: webpack.Compilation.PROCESS_ASSETS_STAGE_ADDITIONAL },
        () => {
          const fs = require('fs');
          const pkg = JSON.parse(fs.readFileSync(path.resolve(__dirname, 'package.json'), 'utf8'));
          const xml = releaseManifest(fs.readFileSync(MANIFEST_TEMPLATE, 'utf8'), {
            origin: this.origin,
            id: pkg.config.addinId,
            version: pkg.version,
          });
          compilation.emitAsset('manifest.xml', new webpack.sources.RawSource(xml));
        },
      );
    });
  }
}

module.exports = async (env = {}, argv = {}) => {
  const mode = argv.mode === 'production' ? 'production' : 'development';
  const dev = mode === 'development';
  const officeJsLocal = env.officeJs ? env.officeJs === 'local' : dev;
  const officeJsUrl = officeJsLocal ? OFFICE_JS_LOCAL : OFFICE_JS_CDN;
  const serving = Boolean(env.WEBPACK_SERVE);
  const release = Boolean(env.release);
  if (release && dev) throw new Error('--env release needs --mode production');
  const origin = release ? require('./scripts/manifest').releaseOrigin(env.origin ?? process.env.ADDIN_ORIGIN) : null;

  return {
    mode,
    devtool: dev ? 'eval-source-map' : 'source-map',
    entry: {
      taskpane: './src/taskpane/index.tsx',
      commands: './src/commands/commands.ts',
      // The dialog the ribbon's Kiểm tra opens to show its summary.
      'commands-result': './src/commands/result-page.ts',
      // The workbench runs without office.js: its task pane is given a port on the in-memory Excel.
      // Officials never see it: a release leaves it (and the in-memory Excel it runs on) out.
      ...(release ? {} : { workbench: './src/workbench/index.tsx' }),
    },
    output: {
      path: release ? RELEASE_DIR : OUTPUT_DIR,
      filename: dev ? '[name].js' : '[name].[contenthash:8].js',
      chunkFilename: dev ? '[name].js' : '[name].[contenthash:8].js',
      publicPath: 'auto',
      clean: true,
    },
    resolve: {
      extensions: ['.ts', '.tsx', '.js', '.mjs', '.json'],
    },
    module: {
      rules: [
        {
          test: /\.tsx?$/,
          exclude: /node_modules/,
          use: {
            loader: 'ts-loader',
            options: {
              // Type checking is `npm run typecheck`; here ES modules are kept so webpack can
              // split lazily imported code (ExcelJS) into its own chunk.
              transpileOnly: true,
              compilerOptions: { module: 'esnext', noEmit: false, sourceMap: true },
            },
          },
        },
      ],
    },
    optimization: {
      splitChunks: {
        chunks: 'async',
      },
    },
    performance: {
      // The React + Fluent UI task pane is larger than webpack's web-page defaults.
      maxEntrypointSize: 2_000_000,
      maxAssetSize: 2_000_000,
    },
    plugins: [
      new HtmlWebpackPlugin({
        filename: 'taskpane.html',
        template: './src/taskpane/taskpane.html',
        chunks: ['taskpane'],
        templateParameters: { officeJsUrl },
      }),
      new HtmlWebpackPlugin({
        filename: 'commands.html',
        template: './src/commands/commands.html',
        chunks: ['commands'],
        templateParameters: { officeJsUrl },
      }),
      new HtmlWebpackPlugin({
        filename: 'commands-result.html',
        template: './src/commands/commands-result.html',
        chunks: ['commands-result'],
        templateParameters: { officeJsUrl },
      }),
      ...(release
        ? [new ReleaseManifest(origin)]
        : [
            new HtmlWebpackPlugin({
              filename: 'workbench.html',
              template: './src/workbench/workbench.html',
              chunks: ['workbench'],
            }),
          ]),
      new CopyWebpackPlugin({
        patterns: [
          { from: 'assets', to: 'assets', info: { minimized: true } },
          ...(officeJsLocal
            ? [
                {
                  from: 'node_modules/@microsoft/office-js/dist',
                  to: 'office-js',
                  info: { minimized: true },
                  globOptions: { ignore: ['**/*.debug.js'] },
                },
              ]
            : []),
        ],
      }),
      new NoExcelJsInInitialChunks(),
    ],
    devServer: {
      port: PORT,
      server: serving ? await devServerTransport() : 'http',
      headers: { 'Access-Control-Allow-Origin': '*' },
      static: false,
      hot: true,
      client: { overlay: { warnings: false, errors: true } },
    },
  };
};
