/** Mounts the app with the api the host installed on `window`. */
import { mount } from 'svelte';
import App from './App.svelte';
import { getApi } from './lib/api';
import './app.css';

const target = document.getElementById('app');
if (!target) throw new Error('#app is missing from index.html');

export default mount(App, { target, props: { api: getApi() } });
