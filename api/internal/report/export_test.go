package report

// MarkLowestFifth is markLowestFifth, for the tests.
var MarkLowestFifth = markLowestFifth
