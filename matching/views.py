def match_detail(request, pk):
    raise NotImplementedError
