// a site script the pages may load
