// Wrong tokens the e2e tests type on purpose; the driver's token hygiene check looks for them too.
export const WRONG_TOKEN_COMMAND = 'definitely-not-a-valid-token';
export const WRONG_TOKEN_UI = 'wrong-token-123456';
