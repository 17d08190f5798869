package org.tandemdns.store;

import java.util.List;

/** Durable API tokens made through the API ({@code tandem token add}), kept hashed. */
public interface TokenStore {
  /** Every stored token, by name. */
  List<StoredToken> tokens() throws StoreException;

  /** Adds {@code token}; false (nothing changed) when its name is taken. */
  boolean addToken(StoredToken token) throws StoreException;

  /** Removes the token named {@code name}; false when there is none. */
  boolean removeToken(String name) throws StoreException;
}
