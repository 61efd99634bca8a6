// Entry point: languages first (so the first frame is already translated), then the app.
import { mount } from 'svelte';
import { setupI18n } from './i18n';
import App from './App.svelte';
import './app.css';

setupI18n();

const target = document.getElementById('app');
if (!target) throw new Error('missing #app element');
export default mount(App, { target });
