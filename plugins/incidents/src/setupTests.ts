import '@testing-library/jest-dom';
import { configure } from '@testing-library/react';

// The pages render material-table, dialogs and lazy chunks; on a busy CI
// machine the first render can take well over RTL's default of 1 s.
configure({ asyncUtilTimeout: 5000 });
