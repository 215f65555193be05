/// <reference types="vitest/config" />
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { fileURLToPath, URL } from 'node:url';
// API_PROXY lets a developer point the dev server at an API on another port.
const apiTarget = process.env.API_PROXY ?? 'http://127.0.0.1:8080';
export default defineConfig({
    plugins: [react()],
    resolve: {
        alias: { '@': fileURLToPath(new URL('./src', import.meta.url)) },
    },
    server: {
        port: 5173,
        proxy: { '/api': { target: apiTarget, changeOrigin: false } },
    },
    build: {
        outDir: 'dist',
        sourcemap: false,
        chunkSizeWarningLimit: 800,
    },
    test: {
        environment: 'jsdom',
        globals: true,
        setupFiles: ['./src/testing/setup.ts'],
        include: ['src/**/*.test.{ts,tsx}'],
        css: false,
        // See src/testing/setup.ts: the same machine runs several suites at once.
        testTimeout: 20000,
    },
});
