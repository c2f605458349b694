import { mount } from 'svelte';
import './styles/tokens.css';
import './styles/page.css';
import App from './components/App.svelte';
import { loadLanguage } from './lib/settings.svelte';

const target = document.getElementById('app');
if (!target) throw new Error('index.html has no #app element');

// The first frame is already in the user's language, not English until the settings arrive.
await loadLanguage();

export default mount(App, { target });
