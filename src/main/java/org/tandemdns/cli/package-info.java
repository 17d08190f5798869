/**
 * The command line: one picocli command class per command.
 */
package org.tandemdns.cli;
