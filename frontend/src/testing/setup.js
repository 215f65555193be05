import '@testing-library/jest-dom/vitest';
import { afterEach } from 'vitest';
import { cleanup, configure } from '@testing-library/react';
// The lazy screens and userEvent typing are slow on a loaded 2-core machine
// shared by several test runs; findBy* waits up to 5 s instead of 1 s.
configure({ asyncUtilTimeout: 5000 });
afterEach(() => {
    cleanup();
    sessionStorage.clear();
    localStorage.clear();
});
