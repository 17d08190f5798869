/**
 * The web console at {@code /ui} on the API's listener: server-rendered pages (every value
 * escaped, {@link org.tandemdns.ui.Html}), a little JavaScript of its own that sends changes
 * through the JSON API, server-sent events that follow a change to every secondary, and small
 * inline SVG charts. Reads the same services as {@code api}; the API does sessions and tokens.
 */
package org.tandemdns.ui;
