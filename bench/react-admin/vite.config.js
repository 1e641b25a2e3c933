import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// A production build with Vite's defaults (minified, tree-shaken, code in dist/assets/).
export default defineConfig({
  plugins: [react()],
  build: { outDir: 'dist', emptyOutDir: true, reportCompressedSize: false },
});
