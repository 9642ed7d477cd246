// The API token lives in sessionStorage: it survives a reload of this tab, and goes with the tab.
const KEY = 'switchboard.token';

export const savedToken = (): string | null => sessionStorage.getItem(KEY);
export const saveToken = (token: string): void => sessionStorage.setItem(KEY, token);
export const forgetToken = (): void => sessionStorage.removeItem(KEY);
