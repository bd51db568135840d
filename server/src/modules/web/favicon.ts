/** The site icon (a blue tile with 学), served at /favicon.svg and /favicon.ico for every page. */
export const FAVICON_SVG = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 64">
<rect width="64" height="64" rx="14" fill="#1f6feb"/>
<path d="M18 24h28v6H36l-4 6h10v6H34v8h-6v-8H20v-6h9l3-6H18z" fill="#fff"/>
<path d="M22 14l4 7M32 12v8M42 14l-4 7" stroke="#fff" stroke-width="4" stroke-linecap="round"/>
</svg>
`;
