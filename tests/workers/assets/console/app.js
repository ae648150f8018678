document.title = '民声';
