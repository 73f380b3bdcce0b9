package dev.nichebot.crawl.dedup;

/**
 * The stored image nearest to a query.
 *
 * @param id the id stored with the hash (a candidate id)
 * @param distance Hamming distance in bits, 0..64
 * @param mirrored whether the match was against the query's mirror image
 */
public record HashMatch(long id, int distance, boolean mirrored) {}
