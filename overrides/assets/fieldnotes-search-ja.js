// Japanese queries. The index is segmented by TinySegmenter, which splits where the script changes
// (タンパク|質, スケーリング|則), but Material segments only runs of kanji in a query, so a word
// written in katakana and kanji finds nothing. Split the query at those boundaries too.
(function () {
  if (document.documentElement.lang !== "ja") return;
  var RUNS = /([\u3040-\u309f]+|[\u30a0-\u30ff\u31f0-\u31ff\uff66-\uff9f]+|[\u3400-\u4dbf\u4e00-\u9fff\u3005]+)/g;
  var SEARCH_QUERY = 2; // the message type Material's search worker answers with results

  function segment(query) {
    return query.replace(RUNS, " $1 ").replace(/\s+/g, " ").trim();
  }

  var post = Worker.prototype.postMessage;
  Worker.prototype.postMessage = function (message) {
    var args = Array.prototype.slice.call(arguments);
    if (message && message.type === SEARCH_QUERY && typeof message.data === "string") {
      args[0] = { type: message.type, data: segment(message.data) };
    }
    return post.apply(this, args);
  };
})();
