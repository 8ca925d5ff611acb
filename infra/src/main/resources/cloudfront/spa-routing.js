// Viewer request of the web app's default behavior: a path without a file extension is a route of the
// single-page app, so it is served the app's entry page. Files (assets) and the API behavior are untouched.
function handler(event) {
  var request = event.request;
  var lastSegment = request.uri.substring(request.uri.lastIndexOf('/') + 1);
  if (lastSegment.indexOf('.') === -1) {
    request.uri = '/index.html';
  }
  return request;
}
