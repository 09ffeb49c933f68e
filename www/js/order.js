// The example merchant server's order page: everything on it is rendered by the server from its
// order record. This only registers <instalment-remedy> (and <instalment-guard>), so the help
// after paying that the server put in the page comes to life.
import 'instalment-guard/element';
