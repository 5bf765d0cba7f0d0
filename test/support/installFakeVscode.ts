// Import first in a unit test file that loads src/ code using `vscode`: every later require('vscode') gets the fake.
import { createFakeVscode, fakeVscodeRecord, installFakeVscode } from './fakeVscode';

/** What the code under test asked of VS Code; replace `vscodeRecord.ui` to answer dialogs. */
export const vscodeRecord = fakeVscodeRecord();
installFakeVscode(createFakeVscode(vscodeRecord, { focused: true }));
