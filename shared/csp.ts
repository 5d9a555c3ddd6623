// The page's Content Security Policy: renderer/index.html carries it as a meta tag (a test keeps the two equal),
// and web mode sends it as a header too. Only our own bundle may run; nothing inline, nothing remote.
export const contentSecurityPolicy = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'";
