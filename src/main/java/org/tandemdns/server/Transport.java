package org.tandemdns.server;

/** How a request arrived; decides size limits and which operations are allowed. */
public enum Transport {
  UDP,
  TCP
}
