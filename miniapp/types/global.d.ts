/// <reference types="@tarojs/taro" />

declare module '*.png';
declare module '*.svg';
declare module '*.css';

declare namespace NodeJS {
  interface ProcessEnv {
    NODE_ENV: 'development' | 'production' | 'test';
    TARO_ENV: 'weapp' | 'h5' | string;
    /** Base URL of the Qixue server; empty in H5 (same origin). Set in .env.<mode> for weapp. */
    TARO_APP_API_BASE?: string;
  }
}
