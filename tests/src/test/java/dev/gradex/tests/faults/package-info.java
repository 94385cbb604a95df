/** Fault injection between a client and a real peer: {@link dev.gradex.tests.faults.FaultProxy}. */
package dev.gradex.tests.faults;
