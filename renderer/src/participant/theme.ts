// A phone follows its own light or dark setting: people in a dimmed room often have dark mode on.
const dark = window.matchMedia('(prefers-color-scheme: dark)');
const apply = () => (document.documentElement.dataset.theme = dark.matches ? 'dark' : 'light');
apply();
dark.addEventListener('change', apply);
