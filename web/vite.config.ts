import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

const root = fileURLToPath(new URL('.', import.meta.url));

// Vendor libraries go to their own long-cached chunks; echarts (and zrender) stay out of the first
// page because only the lazily loaded overview imports them. A group also takes the dependencies of
// what it matches unless a group with a higher priority took them first, so react goes first and
// echarts last (else react would land in the echarts chunk and the login page would load it).
// Ant Design parts the first page (login, and the signed-in frame) needs go to the 'antd' chunk; the rest of
// antd (tables, pickers, uploads…) is left to be split by use, so the first page stays light as pages grow.
const ANTD_FIRST_PAGE = ['_util', 'config-provider', 'theme', 'style', 'locale', 'app', 'button', 'form', 'input', 'card', 'alert', 'typography', 'layout', 'menu', 'dropdown', 'avatar', 'grid', 'col', 'row', 'segmented', 'space', 'tag', 'result', 'skeleton', 'empty', 'message', 'notification', 'tooltip', 'spin', 'divider', 'flex'];
const antdFirstPage = new RegExp(`[\\\\/]node_modules[\\\\/]antd[\\\\/]es[\\\\/](${ANTD_FIRST_PAGE.join('|')})[\\\\/]`);
const antdBase = /[\\/]node_modules[\\/](@ant-design[\\/](cssinjs|cssinjs-utils|colors|fast-color|icons|icons-svg)|@rc-component[\\/](util|motion|resize-observer|trigger|portal)|@babel[\\/]runtime|classnames|clsx|stylis|@emotion)[\\/]/;

const VENDOR_GROUPS: ReadonlyArray<{ name: string; test: RegExp | ((id: string) => boolean); priority: number }> = [
  { name: 'react', priority: 30, test: /[\\/]node_modules[\\/](react|react-dom|react-router|react-router-dom|scheduler|cookie|set-cookie-parser)[\\/]/ },
  { name: 'antd', priority: 20, test: (id) => antdFirstPage.test(id) || antdBase.test(id) },
  { name: 'echarts', priority: 10, test: /[\\/]node_modules[\\/](echarts|zrender|echarts-for-react|size-sensor|fast-deep-equal|tslib)[\\/]/ },
];

/** The web console: `npm run build` from the repository root writes web/dist, which the server serves at `/`. */
export default defineConfig({
  root,
  base: '/',
  plugins: [react()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    chunkSizeWarningLimit: 1500,
    rolldownOptions: {
      output: {
        // Rolldown's successor of Rollup's manualChunks (deprecated in Vite 8): named vendor groups.
        codeSplitting: {
          groups: VENDOR_GROUPS.map((g) => ({ name: g.name, test: g.test, priority: g.priority })),
        },
      },
    },
  },
  server: {
    proxy: { '/api': 'http://localhost:8080', '/docs': 'http://localhost:8080' },
  },
});
