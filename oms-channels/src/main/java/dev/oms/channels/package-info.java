/**
 * Channel order import: {@link dev.oms.channels.OrderImport} maps a channel's order document (web,
 * app, point of sale, marketplace) to a placement, refusing a bad document as a whole with an
 * {@link dev.oms.channels.OrderImport.OrderImportException} that names every JSON path that was wrong, before
 * anything is stored.
 */
package dev.oms.channels;

import dev.oms.channels.OrderImport.OrderImportException;
