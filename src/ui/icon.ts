import { LabIcon } from '@jupyterlab/ui-components';

// A crosshair over a magnifier; `jp-icon3` fills follow the theme.
const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="16" height="16" viewBox="0 0 24 24">
  <g class="jp-icon3" fill="#616161">
    <path d="M10 3a7 7 0 0 1 5.6 11.2l5.1 5.1-1.4 1.4-5.1-5.1A7 7 0 1 1 10 3zm0 2a5 5 0 1 0 0 10 5 5 0 0 0 0-10z"/>
    <path d="M9 6.5h2V9h2.5v2H11v2.5H9V11H6.5V9H9z"/>
  </g>
</svg>`;

export const huntIcon = new LabIcon({ name: 'jupyterlab-hunt:hunt', svgstr: svg });
