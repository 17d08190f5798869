/**
 * The one way zone data changes: validate, persist, swap, announce.
 */
package org.tandemdns.change;
