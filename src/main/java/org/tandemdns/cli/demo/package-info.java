/** The pieces {@code tandem demo} runs: servers on loopback, a Knot sidecar, HTTP calls to the API. */
package org.tandemdns.cli.demo;
