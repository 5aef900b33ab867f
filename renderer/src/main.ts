/** Mounts the app with the api of its host (Electron preload or browser host). */
import { mount } from 'svelte';
import App from './App.svelte';
import { getApi } from './lib/api';
import './app.css';

const target = document.getElementById('app');
if (!target) throw new Error('#app is missing from index.html');

const api = getApi();
if (!api) {
  target.textContent =
    'This page must be opened with the address the app printed (it ends in #secret=...). Start the app with npm start.';
}

export default api ? mount(App, { target, props: { api } }) : undefined;
