import type { ScanCounts } from './logQuery';

function cacheStats() {
  return {
    entriesFound: 0,
    entriesRequested: 0,
    entriesStored: 0,
    bytesReceived: 0,
    bytesSent: 0,
    requests: 0,
    downloadTime: 0,
    queryLengthServed: 0,
  };
}

function storeStats(chunk: { lines: number; bytes: number }) {
  return {
    totalChunksRef: 0,
    totalChunksDownloaded: 0,
    chunksDownloadTime: 0,
    queryReferencedStructuredMetadata: false,
    chunk: {
      headChunkBytes: chunk.bytes,
      headChunkLines: chunk.lines,
      decompressedBytes: 0,
      decompressedLines: 0,
      compressedBytes: 0,
      totalDuplicates: 0,
      postFilterLines: chunk.lines,
      headChunkStructuredMetadataBytes: 0,
      decompressedStructuredMetadataBytes: 0,
    },
    chunkRefsFetchTime: 0,
    congestionControlLatency: 0,
    pipelineWrapperFilteredLines: 0,
  };
}

/**
 * `data.stats` in the shape a Loki 3.4 single binary sends (every key, so clients that
 * read it strictly are exercised). The simulator holds everything "in the ingester's head
 * chunks", so that is where the line and byte counts go.
 */
export function queryStats(counts: ScanCounts, returned: number, startedMs: number) {
  const execTime = Math.max((performance.now() - startedMs) / 1000, 1e-6);
  return {
    summary: {
      bytesProcessedPerSecond: Math.round(counts.bytes / execTime),
      linesProcessedPerSecond: Math.round(counts.lines / execTime),
      totalBytesProcessed: counts.bytes,
      totalLinesProcessed: counts.lines,
      execTime,
      queueTime: 0,
      subqueries: 0,
      totalEntriesReturned: returned,
      splits: 1,
      shards: 1,
      totalPostFilterLines: counts.lines,
      totalStructuredMetadataBytesProcessed: 0,
    },
    querier: { store: storeStats({ lines: 0, bytes: 0 }) },
    ingester: {
      totalReached: 1,
      totalChunksMatched: counts.lines > 0 ? 1 : 0,
      totalBatches: counts.lines > 0 ? 1 : 0,
      totalLinesSent: returned,
      store: storeStats(counts),
    },
    cache: {
      chunk: cacheStats(),
      index: cacheStats(),
      result: cacheStats(),
      statsResult: cacheStats(),
      volumeResult: cacheStats(),
      seriesResult: cacheStats(),
      labelResult: cacheStats(),
      instantMetricResult: cacheStats(),
    },
    index: { totalChunks: 0, postFilterChunks: 0, shardsDuration: 0, usedBloomFilters: false },
  };
}
