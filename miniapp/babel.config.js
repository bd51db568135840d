// Taro's preset: React, TypeScript, webpack5 (see ../../shared notes on the tested package set).
module.exports = {
  presets: [['taro', { framework: 'react', ts: true, compiler: 'webpack5' }]],
};
