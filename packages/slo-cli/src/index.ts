import fs from 'node:fs';
import path from 'node:path';
import { runCli } from './cli';

// Paths are taken relative to where `yarn vigil-slo` was run, not the package.
const cwd = process.env.INIT_CWD ?? process.cwd();

// Reading and writing the files the user names is this CLI's whole job.
/* eslint-disable security/detect-non-literal-fs-filename */
process.exitCode = runCli(process.argv.slice(2), {
  readFile: file => fs.readFileSync(path.resolve(cwd, file), 'utf8'),
  writeFile: (file, content) => {
    const target = path.resolve(cwd, file);
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.writeFileSync(target, content);
  },
  stdout: text => process.stdout.write(text),
  stderr: text => process.stderr.write(text),
});
