/// <reference types="vite/client" />

interface ImportMetaEnv {
  /** Switchboard's address when the app is served from elsewhere (e.g. http://127.0.0.1:5001). */
  readonly VITE_SWITCHBOARD_URL?: string;
}
