/** Where the app serves the Monaco editor's files (`monaco-editor/min`), for the admin panel's code editors. */
export const MONACO_PATH = '/monaco'
