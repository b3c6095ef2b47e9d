import '@testing-library/jest-dom';
import { configure } from '@testing-library/react';

// Dialogs, pickers and lazy chunks: on a busy 2-core run the first render can
// take well over RTL's default of 1 s.
configure({ asyncUtilTimeout: 5000 });
